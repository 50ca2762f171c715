# A module of the kind teams write around this provider: one TRTC
# application per environment, tagged, optionally on a Trial. Its tests
# (tests/*.tftest.hcl) run with `terraform test`, against the emulator or a
# mock provider: see the guide "Testing your modules".
terraform {
  required_version = ">= 1.5"
  required_providers {
    trtc = {
      source = "trtc-oss/trtc"
    }
  }
}

locals {
  # TRTC names are 1-15 letters, digits and underscores: variables.tf checks
  # the parts, so a bad name fails at plan with this module's own message.
  name = "${var.team}_${var.environment}"
}

resource "trtc_application" "this" {
  name        = local.name
  description = "${var.team}_${var.environment}_calls"
  product     = var.product
  status      = var.enabled ? "enabled" : "disabled"

  tags = merge(var.tags, {
    environment = var.environment
  })
}

resource "trtc_subscription" "trial" {
  count = var.trial ? 1 : 0

  sdk_app_id = trtc_application.this.sdk_app_id
  edition    = "Trial"
}

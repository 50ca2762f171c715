# A complete configuration: used by `make demo` against the emulator.
terraform {
  required_version = ">= 1.5"
  required_providers {
    trtc = {
      source = "trtc-oss/trtc"
    }
  }
}

# Credentials and endpoint come from TENCENTCLOUD_SECRET_ID,
# TENCENTCLOUD_SECRET_KEY and TRTC_ENDPOINT.
provider "trtc" {
  region = "ap-singapore"
}

resource "trtc_application" "call" {
  name        = "demo_call"
  description = "One_to_one_support_calls"
  product     = "Call"

  # Tags of this application are owned by trtc_application_tag resources:
  # `tags` is authoritative, so leave it out and ignore it.
  lifecycle {
    ignore_changes = [tags]
  }
}

resource "trtc_application" "engine" {
  name        = "demo_engine"
  description = "Video_rooms"
  product     = "RTCEngine"
  data_region = "ap-singapore"

  tags = {
    team = "media"
    env  = "demo"
  }
}

# A tag managed on its own, e.g. by a cost-allocation team.
resource "trtc_application_tag" "cost_center" {
  sdk_app_id = trtc_application.call.sdk_app_id
  key        = "cost-center"
  value      = "cc-1234"
}

# A 7-day trial of the flagship capabilities; at expiry the edition reads as Basic.
resource "trtc_subscription" "engine_trial" {
  sdk_app_id = trtc_application.engine.sdk_app_id
  edition    = "Trial"
}

data "trtc_applications" "demo" {
  name_regex = "^demo_"

  depends_on = [trtc_application.call, trtc_application.engine]
}

data "trtc_application_status" "engine" {
  sdk_app_id         = trtc_application.engine.sdk_app_id
  wait_until_settled = true

  depends_on = [trtc_subscription.engine_trial]
}

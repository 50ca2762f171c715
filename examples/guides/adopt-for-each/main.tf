# Adopt every application whose name starts with legacy_ (Terraform >= 1.7).
data "trtc_applications" "legacy" {
  name_regex   = "^legacy_"
  with_details = true # product and data_region, which a trtc_application needs
}

locals {
  legacy = { for app in data.trtc_applications.legacy.applications : tostring(app.sdk_app_id) => app }
}

import {
  for_each = local.legacy
  to       = trtc_application.legacy[each.key]
  id       = each.key
}

resource "trtc_application" "legacy" {
  for_each = local.legacy

  name        = each.value.name
  description = each.value.description
  product     = each.value.product
  data_region = each.value.data_region
  status      = each.value.status
  tags        = length(each.value.tags) > 0 ? each.value.tags : null # no tags reads as null
}

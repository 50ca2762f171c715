# Every enabled application of the support team whose name starts with "support_".
data "trtc_applications" "support" {
  name_regex       = "^support_"
  status_in_effect = "enabled" # the listing knows the status in effect only
  tags = {
    team = "support"
    env  = "" # any value
  }
}

output "support_app_ids" {
  value = data.trtc_applications.support.ids
}

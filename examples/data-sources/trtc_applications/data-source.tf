# Every enabled application of the support team whose name starts with "support_".
data "trtc_applications" "support" {
  name_regex = "^support_"
  status     = "enabled"
  tags = {
    team = "support"
    env  = "" # any value
  }
}

output "support_app_ids" {
  value = data.trtc_applications.support.ids
}

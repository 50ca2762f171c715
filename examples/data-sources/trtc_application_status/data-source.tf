# Waits until a pending enable or disable has propagated (3-5 minutes).
data "trtc_application_status" "example" {
  sdk_app_id         = 1400000001
  wait_until_settled = true

  timeouts {
    read = "10m"
  }
}

output "status" {
  value = data.trtc_application_status.example.status
}

resource "trtc_application" "example" {
  name    = "video_rooms"
  product = "RTCEngine"
}

# A paid edition, renewed monthly at expiry while auto_renew is on.
resource "trtc_subscription" "example" {
  sdk_app_id    = trtc_application.example.sdk_app_id
  edition       = "Standard"
  period_months = 1
  auto_renew    = true
}

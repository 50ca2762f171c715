resource "trtc_application" "example" {
  name    = "live_events"
  product = "RTCEngine"
}

# A tag owned outside the application's configuration, e.g. by a cost team.
# Do not also set the same key in trtc_application.tags.
resource "trtc_application_tag" "cost_center" {
  sdk_app_id = trtc_application.example.sdk_app_id
  key        = "cost-center"
  value      = "cc-1234"
}

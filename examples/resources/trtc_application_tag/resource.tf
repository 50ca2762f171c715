resource "trtc_application" "example" {
  name    = "live_events"
  product = "RTCEngine"

  # `tags` is authoritative: leave it to the trtc_application_tag resources.
  lifecycle {
    ignore_changes = [tags]
  }
}

# A tag managed on its own, e.g. by a cost-allocation team.
resource "trtc_application_tag" "cost_center" {
  sdk_app_id = trtc_application.example.sdk_app_id
  key        = "cost-center"
  value      = "cc-1234"
}

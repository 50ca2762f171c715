resource "trtc_application" "example" {
  name        = "support_call"
  description = "Customer_support_calls"
  product     = "Call"
  data_region = "ap-singapore"
  status      = "enabled"

  # Refuse to destroy (or replace) this application until set back to false.
  deletion_protection = true

  tags = {
    team = "support"
    env  = "prod"
  }

  timeouts {
    create = "10m"
    update = "10m"
    delete = "15m"
  }
}

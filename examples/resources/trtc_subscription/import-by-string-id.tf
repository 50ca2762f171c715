# Terraform 1.5 and later: import with an import block.
import {
  to = trtc_subscription.example
  id = "1400000001"
}

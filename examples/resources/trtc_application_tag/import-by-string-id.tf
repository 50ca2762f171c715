# Terraform 1.5 and later: import with an import block.
import {
  to = trtc_application_tag.cost_center
  id = "1400000001|cost-center"
}

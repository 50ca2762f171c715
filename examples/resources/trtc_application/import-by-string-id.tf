# Terraform 1.5 and later: import by SdkAppId with an import block.
import {
  to = trtc_application.example
  id = "1400000001"
}

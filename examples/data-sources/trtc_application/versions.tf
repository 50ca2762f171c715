# Lets `terraform validate` resolve the provider in this directory; not part of the rendered docs.
terraform {
  required_providers {
    trtc = {
      source = "trtc-oss/trtc"
    }
  }
}

terraform {
  required_providers {
    trtc = {
      source = "trtc-oss/trtc"
    }
  }
}

# Credentials come from TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY
# (or a tccli profile); keep them out of the configuration.
provider "trtc" {
  region = "ap-singapore"

  # Against the bundled emulator (make emulator) instead of Tencent Cloud:
  # endpoint = "http://127.0.0.1:8080"
}

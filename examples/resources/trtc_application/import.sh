# An application is imported by its SdkAppId.
terraform import trtc_application.example 1400000001

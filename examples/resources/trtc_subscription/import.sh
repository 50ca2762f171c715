# A subscription is imported by the SdkAppId of its application.
terraform import trtc_subscription.example 1400000001

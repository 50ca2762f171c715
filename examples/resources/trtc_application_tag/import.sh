# A tag is imported as <SdkAppId>|<key>.
terraform import trtc_application_tag.cost_center "1400000001|cost-center"

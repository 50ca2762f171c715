# Another workspace's application, read by its exact name (or by sdk_app_id),
# without that workspace's state: its SdkAppId and its key sign UserSigs here.
data "trtc_application" "chat" {
  name = "prod_chat"
}

output "chat_sdk_app_id" {
  value = data.trtc_application.chat.sdk_app_id
}

output "chat_sdk_secret_key" {
  value     = data.trtc_application.chat.sdk_secret_key
  sensitive = true
}

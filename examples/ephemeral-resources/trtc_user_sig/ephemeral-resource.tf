resource "trtc_application" "example" {
  name    = "load_test"
  product = "RTCEngine"
}

# A UserSig for a load-test client, valid for one hour. Ephemeral (Terraform
# 1.10+): it never reaches the plan or the state. The SDKSecretKey is read
# from the application when secret_key is not given.
ephemeral "trtc_user_sig" "load_tester" {
  sdk_app_id     = trtc_application.example.sdk_app_id
  user_id        = "load_tester_01"
  expire_seconds = 3600
}

# Pass it only to ephemeral contexts, e.g. a write-only argument of a secret
# store (Terraform 1.11+):
#
# resource "vault_kv_secret_v2" "load_tester" {
#   mount                = "kv"
#   name                 = "trtc/load_tester_01"
#   data_json_wo         = jsonencode({ user_sig = ephemeral.trtc_user_sig.load_tester.user_sig })
#   data_json_wo_version = 1
# }

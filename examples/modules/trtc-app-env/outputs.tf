output "sdk_app_id" {
  description = "The application's SdkAppId."
  value       = trtc_application.this.sdk_app_id
}

output "name" {
  description = "The application's name."
  value       = trtc_application.this.name
}

output "tags_all" {
  description = "Every tag the application carries: the provider's default_tags merged with the module's."
  value       = trtc_application.this.tags_all
}

output "status_in_effect" {
  description = "The status in effect (enabled or disabled)."
  value       = trtc_application.this.status_in_effect
}

output "edition" {
  description = "The edition started by this module: Trial, or Basic when none."
  value       = var.trial ? trtc_subscription.trial[0].edition : "Basic"
}

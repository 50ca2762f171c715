output "application_ids" {
  description = "SdkAppIds of the two applications."
  value = {
    call   = trtc_application.call.sdk_app_id
    engine = trtc_application.engine.sdk_app_id
  }
}

output "demo_application_names" {
  description = "Names listed by the trtc_applications data source."
  value       = sort(data.trtc_applications.demo.applications[*].name)
}

output "demo_application_ids" {
  description = "SdkAppIds (numbers) listed by the trtc_applications data source, in creation order."
  value       = data.trtc_applications.demo.ids
}

output "engine_status" {
  description = "Status of the RTCEngine application, as trtc_application_status reads it."
  value = {
    status           = data.trtc_application_status.engine.status
    status_in_effect = data.trtc_application_status.engine.status_in_effect
    pending          = data.trtc_application_status.engine.pending
    edition          = data.trtc_application_status.engine.edition
    expire_time      = data.trtc_application_status.engine.expire_time
  }
}

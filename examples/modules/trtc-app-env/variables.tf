variable "team" {
  description = "Team owning the application: the first part of its name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9]{1,7}$", var.team))
    error_message = "team must be 1-7 letters or digits, so that \"<team>_<environment>\" fits TRTC's 15-character name rule."
  }
}

variable "environment" {
  description = "Environment: dev, staging or prod."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "product" {
  description = "TRTC product of the application."
  type        = string
  default     = "RTCEngine"
}

variable "enabled" {
  description = "Whether the application is enabled."
  type        = bool
  default     = true
}

variable "trial" {
  description = "Start the product's free Trial edition on the application."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags of the application, besides the environment tag this module adds."
  type        = map(string)
  default     = {}
}

# Behaviour against TRTC's rules: these runs apply the module against a
# TRTC emulator (`trtc-emulator --propagation-delay 1s &`) or a real
# account. The provider reads TRTC_ENDPOINT, TENCENTCLOUD_SECRET_ID and
# TENCENTCLOUD_SECRET_KEY from the environment; `terraform test` destroys
# what the runs made when it ends.
provider "trtc" {
  region = "ap-singapore"

  default_tags {
    tags = {
      managed_by = "terraform"
    }
  }
}

variables {
  team        = "media"
  environment = "dev"
  tags = {
    cost_center = "cc42"
  }
}

run "creates_a_tagged_application" {
  assert {
    condition     = output.sdk_app_id > 0
    error_message = "sdk_app_id is not set."
  }
  assert {
    condition     = output.name == "media_dev"
    error_message = "the name is not <team>_<environment>."
  }
  assert {
    # tomap: a map output never equals an object literal.
    condition = output.tags_all == tomap({
      managed_by  = "terraform"
      cost_center = "cc42"
      environment = "dev"
    })
    error_message = "tags_all is not the module's tags merged with the provider's default_tags."
  }
  assert {
    condition     = output.status_in_effect == "enabled"
    error_message = "a new application is not enabled."
  }
}

run "disables_the_application" {
  variables {
    enabled = false
  }

  assert {
    condition     = output.status_in_effect == "disabled"
    error_message = "the apply returned before the disable took effect."
  }
  assert {
    condition     = output.sdk_app_id == run.creates_a_tagged_application.sdk_app_id
    error_message = "disabling replaced the application."
  }
}

run "starts_a_trial" {
  variables {
    trial = true
  }

  assert {
    condition     = output.edition == "Trial"
    error_message = "the Trial edition is not held."
  }
  assert {
    condition     = output.status_in_effect == "enabled"
    error_message = "the application is not enabled again."
  }
}

# The module's own rule fails the plan before any call: expect_failures
# can name a variable, a check or a precondition, not a provider's error.
run "refuses_a_long_team_name" {
  command = plan

  variables {
    team = "marketing"
  }

  expect_failures = [var.team]
}

# Wiring, with no emulator or account: a mock provider (Terraform >= 1.7)
# answers with the values below and made-up computed ones. The provider's
# own code does not run, so TRTC's rules are not checked here.
mock_provider "trtc" {
  mock_resource "trtc_application" {
    defaults = {
      sdk_app_id       = 1400000001
      status_in_effect = "enabled"
    }
  }
}

variables {
  team        = "media"
  environment = "prod"
}

run "names_and_tags_the_application" {
  command = plan

  assert {
    condition     = trtc_application.this.name == "media_prod"
    error_message = "the name is not <team>_<environment>."
  }
  assert {
    condition     = trtc_application.this.tags == tomap({ environment = "prod" })
    error_message = "the environment tag is missing."
  }
  assert {
    condition     = length(trtc_subscription.trial) == 0
    error_message = "a Trial was started without trial = true."
  }
}

run "trial_adds_a_subscription" {
  variables {
    trial = true
  }

  assert {
    condition     = trtc_subscription.trial[0].sdk_app_id == 1400000001
    error_message = "the Trial is not on the module's application."
  }
  assert {
    condition     = output.edition == "Trial"
    error_message = "the edition output does not follow the subscription."
  }
}

run "refuses_an_unknown_environment" {
  command = plan

  variables {
    environment = "qa"
  }

  expect_failures = [var.environment]
}

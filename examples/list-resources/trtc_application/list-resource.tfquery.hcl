# adopt.tfquery.hcl, beside the configuration that holds the provider block.
# terraform query -generate-config-out=adopt.tf writes a resource and an
# import block (by identity) for every result; terraform apply imports them.
list "trtc_application" "all" {
  provider         = trtc
  include_resource = true # the whole trtc_application, needed to generate configuration
  limit            = 300  # Terraform's default is 100 results per list block

  config {
    # Optional, as in the trtc_applications data source; every filter given must match.
    name_regex       = "^prod_"
    status_in_effect = "enabled"
    tags             = { team = "" } # carries the key team, any value
  }
}

package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/trtc-oss/terraform-provider-trtc/internal/pluginlog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/provider"
)

// Run "go generate" to format example terraform files and generate the docs for the registry/website.

//go:generate terraform fmt -recursive ./examples/
//go:generate go tool tfplugindocs generate --provider-name trtc

// version is set by goreleaser through ldflags.
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()

	// Without TF_LOG or TF_LOG_PROVIDER, Terraform drops every log line:
	// writing them was 40% of a plan's time.
	pluginlog.Quiet("trtc", debug, os.Getenv, os.Setenv)
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         "registry.terraform.io/trtc-oss/trtc",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}

// Package catalog holds the TRTC product facts that both the provider's
// validators and the emulator's rules are built from (internal/api/README.md).
// Each fact names its source; [model] facts are ours and may need correcting.
package catalog

import (
	"strconv"
	"time"
)

// Products of CreateTrtcApp [public, console guide].
const (
	ProductRTCEngine  = "RTCEngine"
	ProductCall       = "Call"
	ProductLive       = "Live"
	ProductConference = "Conference"
)

// Products lists every product.
var Products = []string{ProductRTCEngine, ProductCall, ProductLive, ProductConference}

// DefaultDataRegion is the Chat data region when none is given [public].
const DefaultDataRegion = "ap-singapore"

// DataRegions: ap-singapore [public]; the others are our [model] of the Chat data centers.
var DataRegions = []string{"ap-singapore", "eu-frankfurt", "na-siliconvalley", "ap-seoul", "ap-mumbai", "ap-jakarta", "ap-tokyo"}

// LiveDataRegions are the only regions Live supports [public].
var LiveDataRegions = []string{"ap-singapore", "na-siliconvalley"}

// RegionsFor returns the data regions a product may use.
func RegionsFor(product string) []string {
	if product == ProductLive {
		return LiveDataRegions
	}
	return DataRegions
}

// Application limits [public, console guide].
const (
	MaxApps              = 300
	NameMaxLength        = 15
	DescriptionMaxLength = 300
)

// Editions [console guide, package management].
const (
	EditionBasic        = "Basic"
	EditionTrial        = "Trial"
	EditionStandard     = "Standard"
	EditionPro          = "Pro"
	EditionOneToOneCall = "OneToOneCall"
	EditionGroupCall    = "GroupCall"
)

// PaidEditions maps each product to the editions that can be bought.
var PaidEditions = map[string][]string{
	ProductRTCEngine:  {EditionStandard, EditionPro},
	ProductCall:       {EditionOneToOneCall, EditionGroupCall},
	ProductLive:       {},
	ProductConference: {},
}

// SubscribableEditions are the editions trtc_subscription accepts: Trial and every paid one.
var SubscribableEditions = []string{EditionTrial, EditionStandard, EditionPro, EditionOneToOneCall, EditionGroupCall}

// IsPaidEdition reports whether edition can be bought for product.
func IsPaidEdition(product, edition string) bool {
	for _, e := range PaidEditions[product] {
		if e == edition {
			return true
		}
	}
	return false
}

// EditionFits reports whether a subscribable edition is offered for product.
func EditionFits(product, edition string) bool {
	return edition == EditionTrial || IsPaidEdition(product, edition)
}

// Periods are the months a paid edition can be bought for [model].
var Periods = []int64{1, 2, 3, 6, 12}

// TrialLength is how long a trial lasts: 7 days, Live 14 [console guide].
func TrialLength(product string) time.Duration {
	if product == ProductLive {
		return 14 * 24 * time.Hour
	}
	return 7 * 24 * time.Hour
}

// Trial quotas [console guide].
const (
	MaxTrialsPerApp     = 2
	MaxTrialsPerAccount = 10
)

// AutoRenewMonths is how long an auto-renewal extends a package [console guide].
const AutoRenewMonths = 1

// Tag limits [public, Tag Use Limits].
const (
	MaxTagsPerResource = 50
	TagKeyMaxLength    = 127
	TagValueMaxLength  = 255
	TagSpecials        = "+-=._:/@()[],;><【】"
	MaxTagsPerRequest  = 10 // TagResources/UnTagResources batch size [public]
)

// ReservedTagKeyPrefixes may not start a key [public].
var ReservedTagKeyPrefixes = []string{"qcs:", "project", "项目"}

// Tag resource naming for applications [public, TRTC CAM guide].
const (
	TagServiceType    = "trtc"
	TagResourcePrefix = "sdkappid"
)

// ResourceName is the six-segment name of an application for the Tag API.
func ResourceName(accountID string, sdkAppID uint64) string {
	return "qcs::trtc::uin/" + accountID + ":sdkappid/" + strconv.FormatUint(sdkAppID, 10)
}

// Propagation of enable, disable and delete: 3 to 5 minutes [public, console guide].
const (
	PropagationMin = 3 * time.Minute
	PropagationMax = 5 * time.Minute
)

// ClientTokenTTL is how long a ClientToken stays idempotent [model].
const ClientTokenTTL = 24 * time.Hour

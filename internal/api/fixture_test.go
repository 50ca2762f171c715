package api

import (
	"bytes"
	"os"
	"testing"
)

// PublishedListingFixture is the published DescribeAppStatList example answer.
const publishedListingFixture = "testdata/DescribeAppStatList.response.json"

// The repository's copy must stay the published answer: when the shared
// original is beside the checkout (the project's workspace), they are equal.
func TestListingFixtureIsThePublishedAnswer(t *testing.T) {
	original, err := os.ReadFile("../../../shared/fixtures/DescribeAppStatList.response.json")
	if err != nil {
		t.Skipf("no shared original beside this checkout (%v): nothing to compare the copy with", err)
	}
	copied, err := os.ReadFile(publishedListingFixture)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(original, copied) {
		t.Errorf("%s differs from the published answer in ../shared/fixtures", publishedListingFixture)
	}
}

package data

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// The shipped binaries decode the embedded dataset without validating it
// (validation happened at build time), so what they hold must equal what
// full validation yields, whatever the clock says.
func TestDefaultEqualsTheValidatedDataset(t *testing.T) {
	got, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	want, err := Load(Shipped(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("Default() differs from the validated shipped dataset")
	}
}

// A machine whose clock is years behind still gets the dataset: Default
// never compares the data's dates with the clock.
func TestDefaultDoesNotDependOnTheClock(t *testing.T) {
	early := time.Date(2001, 1, 15, 0, 0, 0, 0, time.UTC)
	if _, err := Load(Shipped(), early); err == nil {
		t.Fatal("validation on a clock from 2001 should find future dates; the premise of this test is gone")
	}
	ds, err := decodeTrusted(Shipped(), json.Unmarshal)
	if err != nil {
		t.Fatalf("decoding the shipped dataset: %v", err)
	}
	if len(ds.Cells) == 0 || ds.Cell(ds.Cells[0].Bank, ds.Cells[0].Category) == nil {
		t.Fatal("the decoded dataset is empty or not indexed")
	}
}

func TestDecodeTrustedReportsTheFile(t *testing.T) {
	m := shippedCopy(t)
	m["banks.json"].Data = []byte(`{not json`)
	_, err := decodeTrusted(m, json.Unmarshal)
	probs, ok := err.(Problems)
	if !ok || len(probs) == 0 || probs[0].File != "banks.json" {
		t.Fatalf("got %v, want a problem naming banks.json", err)
	}
}

package acctest

import "testing"

func TestWrapped(t *testing.T) {
	cases := []struct {
		parts []string
		text  string
		match bool
	}{
		{[]string{"Top up the account"}, "Top up the\n  account.", true},
		{[]string{"Pro for 2 month(s)"}, "Pro for 2 month(s)", true},
		{[]string{"Pro for 2 month(s)"}, "Pro for 2 months", false}, // ( ) are literal
		{[]string{"a.b"}, "axb", false},                             // . is literal
		{[]string{"trials", "quota is lower"}, "trials\nthe\nquota is\nlower", true},
		{[]string{"quota is lower", "trials"}, "trials, quota is lower", false}, // in order
	}
	for _, c := range cases {
		if got := Wrapped(c.parts...).MatchString(c.text); got != c.match {
			t.Errorf("Wrapped(%q) on %q = %v, want %v", c.parts, c.text, got, c.match)
		}
	}
}

package stdsets

import "fmt"

func ExampleANLS() {
	truths := []string{"$87.21", "87.21"}
	// "$87" is 3 edits from "$87.21": NL = 3/6 = 0.5, not below the threshold, so 0.
	for _, a := range []string{"87.21", "$87.2", "$87", "eighty-seven"} {
		fmt.Printf("%-14q %.3f\n", a, ANLS(a, truths))
	}
	// Output:
	// "87.21"        1.000
	// "$87.2"        0.833
	// "$87"          0.000
	// "eighty-seven" 0.000
}

func ExampleRelaxedAccuracy() {
	for _, a := range []string{"26", "27", "25%", "Yes"} {
		fmt.Printf("%-5q %v\n", a, RelaxedAccuracy(a, "25"))
	}
	// Output:
	// "26"  1
	// "27"  0
	// "25%" 1
	// "Yes" 0
}

func ExampleParseMultiChoice() {
	opts := []string{"3", "4", "5", "6"}
	for _, a := range []string{"(B)", "The answer is C.", "I cannot tell."} {
		l, ok := ParseMultiChoice(a, opts)
		fmt.Printf("%q → %q %v\n", a, l, ok)
	}
	// Output:
	// "(B)" → "B" true
	// "The answer is C." → "C" true
	// "I cannot tell." → "" false
}

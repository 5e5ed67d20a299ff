// argo-expr evaluates Argo Rollouts analysis conditions with the expr library, the way Argo does for a
// Prometheus metric, so the tests check the exported conditions against the real language, not a copy.
//
// What it reproduces, from argoproj/argo-rollouts:
//   - metricproviders/prometheus/prometheus.go processResponse: a vector (or matrix) answer becomes a
//     []float64 of its sample values, in order, NaN kept as NaN; a scalar becomes a float64.
//   - utils/evaluate/evaluate.go EvalCondition: the environment has result, asInt, asFloat, isNaN, isInf,
//     isNil and default; a condition must yield a bool. EvaluateResult: only a success condition -> failed
//     when it is false; only a failure condition -> successful when it is false; both false -> inconclusive;
//     an evaluation error -> error.
//
// Input, one request a line: SUCCESS<TAB>FAILURE<TAB>VALUES, where a condition may be empty and VALUES is
// "[]", "[0.5]", "[0.5,NaN]" or "scalar:0.5". Output, one line each: Successful, Failed, Inconclusive, or
// "Error <message>". `argo-expr --version` prints the expr version this was built against.
package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"

	"github.com/antonmedv/expr"
)

// Set with -ldflags "-X main.exprVersion=..." by scripts/build-argo-expr.sh from the Debian package version.
var exprVersion = "unknown"

func isNil(value interface{}) bool {
	if value == nil {
		return true
	}
	v := reflect.ValueOf(value)
	switch v.Kind() {
	case reflect.Ptr, reflect.Map, reflect.Slice, reflect.Interface:
		return v.IsNil()
	}
	return false
}

func asFloat(in interface{}) float64 {
	switch i := in.(type) {
	case float64:
		return i
	case int:
		return float64(i)
	case string:
		f, err := strconv.ParseFloat(i, 64)
		if err == nil {
			return f
		}
		panic(err)
	}
	panic(fmt.Sprintf("asFloat() not supported on %v %v", reflect.TypeOf(in), in))
}

func asInt(in interface{}) int64 {
	switch i := in.(type) {
	case float64:
		return int64(i)
	case int:
		return int64(i)
	case string:
		n, err := strconv.ParseInt(i, 10, 64)
		if err == nil {
			return n
		}
		panic(err)
	}
	panic(fmt.Sprintf("asInt() not supported on %v %v", reflect.TypeOf(in), in))
}

func evalCondition(result interface{}, condition string) (b bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	env := map[string]interface{}{
		"result":  result,
		"asInt":   asInt,
		"asFloat": asFloat,
		"isNaN":   math.IsNaN,
		"isInf":   func(f float64) bool { return math.IsInf(f, 0) },
		"isNil":   func(_ interface{}) bool { return isNil(result) },
		"default": func(_ interface{}, d interface{}) interface{} {
			if isNil(result) {
				return d
			}
			return result
		},
	}
	program, err := expr.Compile(condition, expr.Env(env))
	if err != nil {
		return false, err
	}
	output, err := expr.Run(program, env)
	if err != nil {
		return false, err
	}
	value, ok := output.(bool)
	if !ok {
		return false, fmt.Errorf("expected bool, but got %T", output)
	}
	return value, nil
}

func phase(result interface{}, success, failure string) string {
	successValue, failureValue := false, false
	var err error
	if success != "" {
		if successValue, err = evalCondition(result, success); err != nil {
			return "Error " + strings.ReplaceAll(err.Error(), "\n", " ")
		}
	}
	if failure != "" {
		if failureValue, err = evalCondition(result, failure); err != nil {
			return "Error " + strings.ReplaceAll(err.Error(), "\n", " ")
		}
	}
	switch {
	case success == "" && failure == "":
		return "Successful"
	case success != "" && failure == "":
		failureValue = !successValue
	case success == "" && failure != "":
		successValue = !failureValue
	}
	if failureValue {
		return "Failed"
	}
	if !successValue {
		return "Inconclusive"
	}
	return "Successful"
}

func parseValue(text string) (interface{}, error) {
	if strings.HasPrefix(text, "scalar:") {
		return strconv.ParseFloat(strings.TrimPrefix(text, "scalar:"), 64)
	}
	if !strings.HasPrefix(text, "[") || !strings.HasSuffix(text, "]") {
		return nil, fmt.Errorf("values %q are neither [..] nor scalar:x", text)
	}
	values := []float64{}
	inner := strings.TrimSpace(text[1 : len(text)-1])
	if inner == "" {
		return values, nil
	}
	for _, part := range strings.Split(inner, ",") {
		f, err := strconv.ParseFloat(strings.TrimSpace(part), 64) // accepts NaN, +Inf, -Inf
		if err != nil {
			return nil, err
		}
		values = append(values, f)
	}
	return values, nil
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--version" {
		fmt.Println("expr " + exprVersion)
		return
	}
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1024*1024), 1024*1024)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for scanner.Scan() {
		fields := strings.Split(scanner.Text(), "\t")
		if len(fields) != 3 {
			fmt.Fprintln(out, "Error request is not SUCCESS<TAB>FAILURE<TAB>VALUES")
			out.Flush()
			continue
		}
		result, err := parseValue(fields[2])
		if err != nil {
			fmt.Fprintln(out, "Error "+err.Error())
			out.Flush()
			continue
		}
		fmt.Fprintln(out, phase(result, fields[0], fields[1]))
		out.Flush() // one answer a request: the tests wait for each line
	}
}

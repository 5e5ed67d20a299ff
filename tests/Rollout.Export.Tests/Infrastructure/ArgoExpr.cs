using System;
using System.Collections.Generic;
using System.Globalization;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>
/// Evaluates the subset of Argo Rollouts' condition language (expr) the exporter emits, against a Prometheus
/// result (a vector of values): <c>true</c>, <c>false</c>, <c>len(result)</c>, <c>result[N]</c>, number literals,
/// comparisons (<c>&lt; &lt;= &gt; &gt;= == !=</c>), <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and parentheses.
/// Anything else throws, so a new construct in the exporter fails the tests until the evaluator knows it.
/// </summary>
public sealed class ArgoExpr
{
    private readonly string _text;
    private readonly double[] _result;
    private int _position;
    private int _skipping; // > 0 while parsing the right side of a short-circuited && or ||: parsed, never evaluated

    private ArgoExpr(string text, double[] result)
    {
        _text = text;
        _result = result;
    }

    /// <summary>The condition's value; indexing past the result is an error, as in Argo (the measurement errors).</summary>
    public static bool Evaluate(string condition, params double[] result)
    {
        var parser = new ArgoExpr(condition, result);
        var value = parser.Or();
        parser.Space();
        if (parser._position != condition.Length) throw new FormatException("Unexpected '" + condition.Substring(parser._position) + "' in " + condition);
        return value is bool b ? b : throw new FormatException("Condition is not boolean: " + condition);
    }

    private object Or()
    {
        var left = And();
        while (Eat("||"))
        {
            var shortCircuit = Bool(left);
            var right = Lazily(shortCircuit, And);
            left = shortCircuit || Bool(right);
        }
        return left;
    }

    private object And()
    {
        var left = Comparison();
        while (Eat("&&"))
        {
            var shortCircuit = !Bool(left);
            var right = Lazily(shortCircuit, Comparison);
            left = !shortCircuit && Bool(right);
        }
        return left;
    }

    // expr short-circuits: with a false left side, `result[0]` on the right is never read (no index error).
    private object Lazily(bool skip, Func<object> parse)
    {
        if (skip) _skipping++;
        try
        {
            return parse();
        }
        finally
        {
            if (skip) _skipping--;
        }
    }

    private object Comparison()
    {
        var left = Unary();
        foreach (var op in new[] { "<=", ">=", "==", "!=", "<", ">" })
        {
            if (!Eat(op)) continue;
            var right = Unary();
            if (_skipping > 0) return false;
            var (a, b) = (Number(left), Number(right));
            return op switch
            {
                "<=" => a <= b,
                ">=" => a >= b,
                "==" => a == b,
                "!=" => a != b,
                "<" => a < b,
                _ => a > b,
            };
        }
        return left;
    }

    private object Unary()
    {
        if (Eat("!")) return !Bool(Unary());
        return Primary();
    }

    private object Primary()
    {
        Space();
        if (Eat("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }
        if (Eat("true")) return true;
        if (Eat("false")) return false;
        if (Eat("len(result)")) return (double)_result.Length;
        if (Eat("result["))
        {
            var index = (int)Literal();
            Expect("]");
            return index < _result.Length ? _result[index] : new Deferred("result[" + index + "] is out of range (the result has " + _result.Length + " values)");
        }
        return Literal();
    }

    private double Literal()
    {
        Space();
        var start = _position;
        if (_position < _text.Length && (_text[_position] == '-' || _text[_position] == '+')) _position++;
        while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E'
               || ((_text[_position] is '-' or '+') && _text[_position - 1] is 'e' or 'E'))) _position++;
        if (start == _position) throw new FormatException("Unsupported construct at '" + _text.Substring(start) + "' in " + _text);
        return double.Parse(_text.AsSpan(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    // An out-of-range index is only an error when its value is used; `len(result) == 1 && result[0] < x` never uses it on an empty result.
    private sealed record Deferred(string Error);

    private bool Bool(object value) => value is bool b ? b : _skipping > 0 ? false : throw new FormatException("Not a boolean: " + value);

    private static double Number(object value) => value switch
    {
        double d => d,
        Deferred deferred => throw new IndexOutOfRangeException(deferred.Error),
        _ => throw new FormatException("Not a number: " + value),
    };

    private void Space()
    {
        while (_position < _text.Length && _text[_position] == ' ') _position++;
    }

    private bool Eat(string token)
    {
        Space();
        if (string.CompareOrdinal(_text, _position, token, 0, token.Length) != 0) return false;
        _position += token.Length;
        return true;
    }

    private void Expect(string token)
    {
        if (!Eat(token)) throw new FormatException("Expected '" + token + "' at " + _position + " in " + _text);
    }
}

/// <summary>Argo Rollouts' verdict on one measurement, from a metric's successCondition and failureCondition.</summary>
public enum MeasurementPhase
{
    Successful,
    Failed,
    Inconclusive,
    Error,
}

public static class ArgoMeasurement
{
    /// <summary>
    /// Argo's rule (metricproviders evaluate.EvaluateResult): no conditions → Successful; only a success condition →
    /// Failed when it is false; only a failure condition → Successful when it is false; both → Failed if the failure
    /// condition holds, Successful if the success condition holds, else Inconclusive. An evaluation error is Error.
    /// </summary>
    public static MeasurementPhase Phase(string? successCondition, string? failureCondition, params double[] result)
    {
        try
        {
            var success = !string.IsNullOrEmpty(successCondition) && ArgoExpr.Evaluate(successCondition!, result);
            var failure = !string.IsNullOrEmpty(failureCondition) && ArgoExpr.Evaluate(failureCondition!, result);
            if (string.IsNullOrEmpty(successCondition) && string.IsNullOrEmpty(failureCondition)) return MeasurementPhase.Successful;
            if (!string.IsNullOrEmpty(successCondition) && string.IsNullOrEmpty(failureCondition)) failure = !success;
            if (string.IsNullOrEmpty(successCondition) && !string.IsNullOrEmpty(failureCondition)) success = !failure;
            if (failure) return MeasurementPhase.Failed;
            return success ? MeasurementPhase.Successful : MeasurementPhase.Inconclusive;
        }
        catch (IndexOutOfRangeException)
        {
            return MeasurementPhase.Error;
        }
    }
}

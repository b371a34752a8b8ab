using System.Collections.Immutable;
using System.Globalization;
using StepFlow.Json;
using StepFlow.Parsing;

namespace StepFlow.Testing.Mocks;

/// <summary>The <c>MockedResponses</c> half of the reader: attempt keys, <c>Return</c> and <c>Throw</c>.</summary>
internal sealed partial class MockConfigReader
{
    private const string ReturnField = "Return";
    private const string ThrowField = "Throw";
    private const string ErrorField = "Error";
    private const string CauseField = "Cause";

    /// <summary>Reads <c>MockedResponses</c>; false when it is not even an object (test cases are then not checked against it).</summary>
    private bool ReadMockedResponses(JsonValue value, string pointer)
    {
        if (AsObject(value, pointer, "MockedResponses") is not { } obj)
        {
            return false;
        }

        foreach (var (name, response) in obj.Members)
        {
            _definedResponses.Add(name);
            var responsePointer = JsonPointer.Append(pointer, name);
            var named = NotEmpty(name, responsePointer, "a mocked response name");
            if (ReadMockedResponse(name, response, responsePointer) is { } mocked && named)
            {
                _responses[name] = mocked;
            }
        }

        return true;
    }

    private MockedResponse? ReadMockedResponse(string name, JsonValue value, string pointer)
    {
        if (AsObject(value, pointer, $"the mocked response '{name}'") is not { } obj)
        {
            return null;
        }

        if (obj.Count == 0)
        {
            Add(MockConfigErrorCodes.NoAttempts, $"the mocked response '{name}' has no attempts: give at least \"0\" with a Return or a Throw", pointer);
            return null;
        }

        var valid = true;
        var ranges = new List<(MockAttemptRange Range, string Pointer)>(obj.Count);
        foreach (var (key, entry) in obj.Members)
        {
            var entryPointer = JsonPointer.Append(pointer, key);
            var keyValid = MockAttemptKey.TryParse(key, out var first, out var last, out var problem);
            if (!keyValid)
            {
                Add(MockConfigErrorCodes.InvalidAttemptKey, problem!, entryPointer);
            }

            var response = ReadAttempt(entry, entryPointer);
            if (keyValid && response is not null)
            {
                ranges.Add((new MockAttemptRange(first, last, response), entryPointer));
            }
            else
            {
                valid = false;
            }
        }

        // Check the valid keys for overlaps and gaps even when another key is bad, so that one pass finds everything.
        ranges.Sort((a, b) => a.Range.First != b.Range.First ? a.Range.First.CompareTo(b.Range.First) : a.Range.Last.CompareTo(b.Range.Last));
        long next = 0;
        MockAttemptRange? previous = null;
        foreach (var (range, rangePointer) in ranges)
        {
            if (range.First < next)
            {
                Add(MockConfigErrorCodes.OverlappingAttempts, $"attempts '{range.Key}' overlap attempts '{previous!.Key}' of the same mocked response: each attempt must have one entry", rangePointer);
                valid = false;
            }
            else if (range.First > next && valid)
            {
                // Only when every key is valid: a bad key may be the one meant to fill the gap.
                var missing = range.First - 1 == next ? next.ToString(CultureInfo.InvariantCulture) : $"{next}-{range.First - 1}";
                Add(MockConfigErrorCodes.MissingAttempts, $"no entry covers attempt(s) {missing} before '{range.Key}': attempt keys must be consecutive from 0 (AWS: \"you must specify a mocked response for every invocation\")", rangePointer);
                valid = false;
            }

            if (range.Last + 1L > next)
            {
                next = range.Last + 1L;
                previous = range;
            }
        }

        return valid ? new MockedResponse(name, ranges.Select(r => r.Range).ToImmutableArray()) : null;
    }

    private MockResponse? ReadAttempt(JsonValue value, string pointer)
    {
        if (AsObject(value, pointer, "an attempt's entry") is not { } obj)
        {
            return null;
        }

        CheckFields(obj, pointer, "an attempt's entry", ReturnField, ThrowField);
        var hasReturn = obj.TryGetValue(ReturnField, out var returned);
        var hasThrow = obj.TryGetValue(ThrowField, out var thrown);
        if (hasReturn == hasThrow)
        {
            Add(
                MockConfigErrorCodes.ReturnOrThrow,
                hasReturn
                    ? "an attempt's entry has both 'Return' and 'Throw': give exactly one"
                    : "an attempt's entry needs exactly one of 'Return' (the result) or 'Throw' ({\"Error\", \"Cause\"})",
                pointer);
            return null;
        }

        if (obj.Count != 1)
        {
            return null; // an unknown field, reported above
        }

        return hasReturn ? new MockReturn(returned!) : ReadThrow(thrown!, JsonPointer.Append(pointer, ThrowField));
    }

    private MockThrow? ReadThrow(JsonValue value, string pointer)
    {
        if (AsObject(value, pointer, "Throw") is not { } obj)
        {
            return null;
        }

        CheckFields(obj, pointer, "Throw", ErrorField, CauseField);
        string? error = null;
        if (Required(obj, ErrorField, pointer) is { } errorValue)
        {
            var errorPointer = JsonPointer.Append(pointer, ErrorField);
            if (errorValue is JsonString { Value: var text })
            {
                error = NotEmpty(text, errorPointer, "the Error name") ? text : null;
            }
            else
            {
                WrongType(errorPointer, "Error", "a string", errorValue);
            }
        }

        string? cause = null;
        var causeValid = true;
        if (obj.TryGetValue(CauseField, out var causeValue))
        {
            if (causeValue is JsonString { Value: var text })
            {
                cause = text;
            }
            else
            {
                WrongType(JsonPointer.Append(pointer, CauseField), "Cause", "a string", causeValue);
                causeValid = false;
            }
        }

        return error is not null && causeValid && obj.Count <= 2 ? new MockThrow(error, cause) : null;
    }
}

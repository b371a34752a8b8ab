using StepFlow.Conformance;
using StepFlow.Conformance.TestState;
using StepFlow.Json;
using StepFlow.Service;
using StepFlow.Service.TestState;
using StepFlow.Tests.Support;

namespace StepFlow.Tests.Conformance;

/// <summary>
/// The recorded TestState requests with each field (and each field of the definition's state) replaced by values of
/// the wrong kind: every answer is a response or an <see cref="ExecutionApiException"/>, never another exception.
/// </summary>
public sealed class TestStateMutationTests
{
    private static readonly JsonValue[] Replacements =
    [
        JsonValue.Null, JsonValue.From(-1), JsonValue.From(1.5), JsonValue.From("x"), JsonValue.From("{"),
        JsonValue.From("[]"), JsonValue.From("{}"), JsonArray.Empty, JsonObject.Empty, JsonValue.False,
    ];

    [SharedSuiteFact]
    public async Task MutatedRecordedRequests_AreAnsweredOrRefused_NeverCrash()
    {
        var folder = SharedFolder.Find("conformance-teststate");
        folder.Should().NotBeNull(SharedFolder.MissingMessage);
        using var engine = StepFlowEngine.CreateBuilder().Build();
        var crashes = new List<string>();
        var attempts = 0;
        foreach (var file in TestStateCase.FindCaseFiles(folder!))
        {
            var request = (JsonObject)JsonValue.Parse(TestStateCase.Load(file).RequestText);
            foreach (var mutated in Mutations(request))
            {
                attempts++;
                try
                {
                    await engine.TestStateAsync(TestStateJson.ParseRequest(mutated.ToJsonString()), CancellationToken.None);
                }
                catch (ExecutionApiException)
                {
                }
                catch (Exception e)
                {
                    crashes.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message} <- {mutated.ToJsonString()[..Math.Min(300, mutated.ToJsonString().Length)]}");
                }
            }
        }

        attempts.Should().BeGreaterThan(10_000);
        crashes.Should().BeEmpty();
    }

    private static IEnumerable<JsonObject> Mutations(JsonObject request)
    {
        foreach (var member in request.Members.ToArray())
        {
            yield return request.Remove(member.Key);
            foreach (var replacement in Replacements)
            {
                yield return request.SetItem(member.Key, replacement);
            }

            if (member.Value is JsonObject nested)
            {
                foreach (var inner in nested.Members.ToArray())
                {
                    foreach (var replacement in Replacements)
                    {
                        yield return request.SetItem(member.Key, nested.SetItem(inner.Key, replacement));
                    }
                }
            }
        }

        if (request.TryGetValue("definition", out var definitionText) && definitionText is JsonString text &&
            JsonValue.Parse(text.Value) is JsonObject definition)
        {
            foreach (var field in definition.Members.ToArray())
            {
                yield return request.SetItem("definition", JsonValue.From(definition.Remove(field.Key).ToJsonString()));
                foreach (var replacement in Replacements)
                {
                    yield return request.SetItem("definition", JsonValue.From(definition.SetItem(field.Key, replacement).ToJsonString()));
                }
            }
        }
    }
}

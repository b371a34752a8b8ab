using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using static StepFlow.Tests.Parsing.ValidationTestHelpers;

namespace StepFlow.Tests.Parsing;

/// <summary>The validator must answer with diagnostics, never an exception, whatever it is given.</summary>
public sealed class DefinitionValidatorRobustnessTests
{
    private const int DeepLevels = 10_000;

    private static readonly string[] Seeds =
    [
        """
        {'Comment':'all JSONPath state types','StartAt':'Start','TimeoutSeconds':60,'States':{
          'Start':{'Type':'Pass','Parameters':{'a.$':'$.a','b':[1,{'c.$':'States.Format(1)'}]},'ResultPath':'$.p','Next':'Work'},
          'Work':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','TimeoutSeconds':30,'HeartbeatSeconds':10,
            'ResultSelector':{'r.$':'$.Payload'},'Assign':{'v.$':'$.r'},
            'Retry':[{'ErrorEquals':['States.Timeout'],'IntervalSeconds':2,'MaxAttempts':3,'BackoffRate':1.5,'JitterStrategy':'FULL'}],
            'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'Failed'}],'Next':'Decide'},
          'Decide':{'Type':'Choice','Choices':[
            {'And':[{'Variable':'$.n','NumericGreaterThan':1},{'Not':{'Variable':'$.s','StringMatches':'a*'}}],'Next':'Hold'},
            {'Variable':'$.t','TimestampLessThanPath':'$.u','Next':'Fan'}],'Default':'Done'},
          'Hold':{'Type':'Wait','Seconds':1,'Next':'Fan'},
          'Fan':{'Type':'Parallel','Branches':[
            {'StartAt':'B1','States':{'B1':{'Type':'Pass','End':true}}},
            {'StartAt':'B2','States':{'B2':{'Type':'Map','ItemsPath':'$.xs','MaxConcurrency':2,
              'ItemProcessor':{'ProcessorConfig':{'Mode':'INLINE'},'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'End':true}}}],
            'Next':'Done'},
          'Done':{'Type':'Succeed'},
          'Failed':{'Type':'Fail','Error':'E','CausePath':'$.error.Cause'}}}
        """,
        """
        {'QueryLanguage':'JSONata','StartAt':'A','States':{
          'A':{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:s3:getObject','Arguments':{'Bucket':'{% $b %}'},
            'Output':'{% $states.result %}','Assign':{'x':'{% 1 %}'},'Next':'C'},
          'C':{'Type':'Choice','Choices':[{'Condition':'{% $x > 0 %}','Next':'M'}],'Default':'W'},
          'W':{'Type':'Wait','Timestamp':'{% $t %}','Next':'M'},
          'M':{'Type':'Map','Items':'{% [1,2] %}','Label':'Lbl','ToleratedFailureCount':1,
            'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'JSON'},'Arguments':{'Bucket':'b'}},
            'ItemBatcher':{'MaxItemsPerBatch':5},
            'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},
            'Next':'F'},
          'F':{'Type':'Fail','Error':'{% \u0027E\u0027 %}'}}}
        """,
        """
        {'StartAt':'Only','States':{'Only':{'Type':'Pass','Result':{'k.$':'$.v'},'End':true}}}
        """,
    ];

    private static readonly string[] FieldNames =
    [
        "Type", "Next", "End", "StartAt", "States", "Choices", "Default", "Branches", "ItemProcessor", "Iterator", "Resource",
        "Parameters", "Arguments", "Output", "Assign", "Retry", "Catch", "ErrorEquals", "Variable", "And", "Or", "Not",
        "StringEquals", "NumericEqualsPath", "Seconds", "Timestamp", "Error", "CausePath", "QueryLanguage", "Label",
        "ProcessorConfig", "Mode", "MaxConcurrency", "ItemReader", "ResultWriter", "ItemBatcher", "x.$", "", "~/", "Comment",
    ];

    [Fact]
    public void Validate_Seeds_AreValid()
    {
        foreach (var seed in Seeds)
        {
            Validate(seed).Errors().Should().BeEmpty();
        }
    }

    [Fact]
    public void Validate_HundredsOfRandomMutations_NeverThrows()
    {
        var random = new Random(20_250_611);
        var validated = 0;
        var withErrors = 0;
        foreach (var seed in Seeds)
        {
            var original = JsonValue.Parse(J(seed));
            for (var round = 0; round < 40; round++)
            {
                var current = original;
                var deep = false;
                for (var step = 0; step < 6; step++)
                {
                    current = Mutate(current, random, ref deep);
                    var diagnostics = DefinitionValidator.Validate(current);
                    validated++;
                    withErrors += diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? 1 : 0;
                    if (!deep)
                    {
                        var text = current.ToJsonString();
                        var fromText = DefinitionValidator.Validate(text);
                        fromText.Select(d => d.Code).Should().BeEquivalentTo(diagnostics.Select(d => d.Code), "text and value forms agree on {0}", text);
                    }
                }
            }
        }

        validated.Should().Be(Seeds.Length * 40 * 6);
        withErrors.Should().BeGreaterThan(validated / 2, "most random mutations break a definition and must be reported");
    }

    [Fact]
    public void Validate_AnyTopLevelValueKind_ReportsInsteadOfThrowing()
    {
        foreach (var value in new[] { JsonValue.Null, JsonValue.True, JsonValue.From(1), JsonValue.From("x"), JsonArray.Empty, JsonObject.Empty })
        {
            DefinitionValidator.Validate(value).Errors().Should().NotBeEmpty();
        }

        DefinitionValidator.Validate((JsonValue)null!).Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.MissingDescription);
    }

    [Fact]
    public void Validate_TenThousandLevelParameters_DoesNotOverflow()
    {
        JsonValue deep = JsonObject.Create(("x.$", JsonValue.From(5)));
        for (var i = 0; i < DeepLevels; i++)
        {
            deep = (DeepLevels - i) % 2 == 1 ? JsonObject.Create(("k", deep)) : JsonArray.Create([deep]);
        }

        var state = JsonObject.Create(("Type", JsonValue.From("Pass")), ("Parameters", deep), ("End", JsonValue.True));
        var diagnostics = DefinitionValidator.Validate(Machine(state));

        var error = diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be(DiagnosticCodes.SchemaValidationFailed);
        error.Location.Should().StartWith("/States/S/Parameters/k/0/k/0/").And.EndWith("/k/0");
        error.Location.Split('/').Length.Should().Be(DeepLevels + 4);
    }

    [Fact]
    public void Validate_TenThousandLevelNotChain_ReportsTheInnermostRule()
    {
        JsonValue rule = JsonObject.Create(("Variable", JsonValue.From("no-dollar")), ("IsNull", JsonValue.True));
        for (var i = 0; i < DeepLevels; i++)
        {
            rule = JsonObject.Create(("Not", rule));
        }

        var top = ((JsonObject)rule).SetItem("Next", JsonValue.From("S"));
        var state = JsonObject.Create(("Type", JsonValue.From("Choice")), ("Choices", JsonArray.Create([top])));
        var end = JsonObject.Create(("Type", JsonValue.From("Succeed")));
        var machine = JsonObject.Create(
            ("StartAt", JsonValue.From("S")),
            ("States", JsonObject.Create(("S", state), ("E", end))));

        var diagnostics = DefinitionValidator.Validate(machine);

        diagnostics.Errors().Should().Contain(e => e.EndsWith("/Not/Not/Variable", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TenThousandNestedParallels_StopsAtMaxNestingDepth()
    {
        var machine = NestedParallels(DeepLevels);

        var diagnostics = DefinitionValidator.Validate(machine);

        diagnostics.Errors().Should().ContainSingle().Which.Should().StartWith(DiagnosticCodes.TooDeeplyNested);
        var location = diagnostics.Single().Location;
        location.Split("/Branches").Length.Should().Be(ValidationOptions.Default.MaxNestingDepth + 2);
    }

    [Fact]
    public void Validate_ThousandNestedParallelsWithoutLimit_IsValid() =>
        DefinitionValidator.Validate(NestedParallels(1_000), new ValidationOptions { MaxNestingDepth = int.MaxValue })
            .Should().BeEmpty();

    [Fact]
    public void Validate_DeepTextNesting_ReportsInvalidJson()
    {
        var text = new string('[', DeepLevels) + new string(']', DeepLevels);

        DefinitionValidator.Validate(text).Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.InvalidJsonDescription);
    }

    private static JsonObject Machine(JsonObject state) =>
        JsonObject.Create(("StartAt", JsonValue.From("S")), ("States", JsonObject.Create(("S", state))));

    private static JsonObject NestedParallels(int levels)
    {
        var inner = JsonObject.Create(
            ("StartAt", JsonValue.From("Leaf")),
            ("States", JsonObject.Create(("Leaf", JsonObject.Create(("Type", JsonValue.From("Succeed")))))));
        for (var i = 0; i < levels; i++)
        {
            var name = "P" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var parallel = JsonObject.Create(
                ("Type", JsonValue.From("Parallel")),
                ("End", JsonValue.True),
                ("Branches", JsonArray.Create([inner])));
            inner = JsonObject.Create(("StartAt", JsonValue.From(name)), ("States", JsonObject.Create((name, parallel))));
        }

        return inner;
    }

    private static JsonValue Mutate(JsonValue root, Random random, ref bool deep)
    {
        var path = new List<int>();
        var node = root;
        while (node is JsonObject { Count: > 0 } or JsonArray { Count: > 0 } && path.Count < 12 && random.NextDouble() < 0.8)
        {
            var count = node is JsonObject o ? o.Count : ((JsonArray)node).Count;
            var index = random.Next(count);
            path.Add(index);
            node = node is JsonObject obj ? obj[index].Value : ((JsonArray)node)[index];
        }

        var operation = random.Next(7);
        if (operation == 4)
        {
            deep = true;
        }

        var donor = root;
        return Rewrite(root, path, 0, random, operation, donor);
    }

    private static JsonValue Rewrite(JsonValue node, List<int> path, int depth, Random random, int operation, JsonValue donor)
    {
        if (depth == path.Count - 1 || path.Count == 0)
        {
            return ApplyAt(node, path.Count == 0 ? -1 : path[depth], random, operation, donor);
        }

        var index = path[depth];
        return node switch
        {
            JsonObject obj => obj.SetItem(obj[index].Key, Rewrite(obj[index].Value, path, depth + 1, random, operation, donor)),
            JsonArray array => array.SetItem(index, Rewrite(array[index], path, depth + 1, random, operation, donor)),
            _ => node,
        };
    }

    /// <summary>Changes child <paramref name="index"/> of <paramref name="parent"/> (or the root itself when -1).</summary>
    private static JsonValue ApplyAt(JsonValue parent, int index, Random random, int operation, JsonValue donor)
    {
        if (index < 0)
        {
            return operation == 4 ? DeepValue(random) : RandomValue(random, donor);
        }

        switch (parent)
        {
            case JsonObject obj:
                var (key, value) = (obj[index].Key, obj[index].Value);
                return operation switch
                {
                    0 => obj.Remove(key),
                    1 => obj.Remove(key).SetItem(FieldNames[random.Next(FieldNames.Length)], value),
                    4 => obj.SetItem(key, DeepValue(random)),
                    5 => obj.SetItem(FieldNames[random.Next(FieldNames.Length)], RandomValue(random, donor)),
                    _ => obj.SetItem(key, RandomValue(random, donor)),
                };
            case JsonArray array:
                var items = array.ToList();
                switch (operation)
                {
                    case 0:
                        items.RemoveAt(index);
                        break;
                    case 4:
                        items[index] = DeepValue(random);
                        break;
                    case 5:
                        items.Add(RandomValue(random, donor));
                        break;
                    default:
                        items[index] = RandomValue(random, donor);
                        break;
                }

                return JsonArray.Create(items);
            default:
                return parent;
        }
    }

    private static JsonValue RandomValue(Random random, JsonValue donor) => random.Next(14) switch
    {
        0 => JsonValue.Null,
        1 => JsonValue.True,
        2 => JsonValue.From(-1),
        3 => JsonValue.From(1.5),
        4 => JsonValue.From(long.MaxValue),
        5 => JsonValue.From(string.Empty),
        6 => JsonValue.From("$.x"),
        7 => JsonValue.From("States.ALL"),
        8 => JsonValue.From("{% $x %}"),
        9 => JsonValue.From(new string('z', 300)),
        10 => JsonArray.Empty,
        11 => JsonObject.Empty,
        12 => donor,
        _ => JsonValue.From("2016-03-14T01:59:00Z"),
    };

    private static JsonValue DeepValue(Random random)
    {
        JsonValue value = random.Next(2) == 0 ? JsonValue.Null : JsonObject.Create(("Type", JsonValue.From("Pass")));
        var key = FieldNames[random.Next(FieldNames.Length)];
        for (var i = 0; i < DeepLevels; i++)
        {
            value = (i % 3) switch
            {
                0 => JsonObject.Create((key, value)),
                1 => JsonArray.Create([value]),
                _ => JsonObject.Create(("States", value), ("StartAt", JsonValue.From("x"))),
            };
        }

        return value;
    }
}

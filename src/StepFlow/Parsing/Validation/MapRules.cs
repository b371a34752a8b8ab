using System.Collections.Frozen;
using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>A Map state, inline or distributed: processor, concurrency, tolerated failures, reader, batcher, writer and Label.</summary>
internal static class MapRules
{
    private const int MaxBatchBytes = 262_144;

    private static readonly FrozenSet<string> ProcessorConfigFields = ValueChecks.Set(AslFields.Mode, AslFields.ExecutionType);
    private static readonly FrozenSet<string> Modes = ValueChecks.Set("INLINE", "DISTRIBUTED");
    private static readonly FrozenSet<string> ExecutionTypes = ValueChecks.Set("STANDARD", "EXPRESS");
    private static readonly FrozenSet<string> ReaderFieldsJsonPath = ValueChecks.Set(AslFields.Resource, AslFields.ReaderConfig, AslFields.Parameters);
    private static readonly FrozenSet<string> ReaderFieldsJsonata = ValueChecks.Set(AslFields.Resource, AslFields.ReaderConfig, AslFields.Arguments);
    private static readonly FrozenSet<string> ReaderConfigFields = ValueChecks.Set(
        AslFields.InputType, AslFields.CSVHeaderLocation, AslFields.CSVHeaders, AslFields.CSVDelimiter, AslFields.MaxItems, AslFields.MaxItemsPath, AslFields.ManifestType, AslFields.ItemsPointer, AslFields.Transformation);
    private static readonly FrozenSet<string> InputTypes = ValueChecks.Set("CSV", "JSON", "JSONL", "PARQUET", "MANIFEST");
    private static readonly FrozenSet<string> HeaderLocations = ValueChecks.Set("FIRST_ROW", "GIVEN");
    private static readonly FrozenSet<string> Delimiters = ValueChecks.Set("COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB");
    private static readonly FrozenSet<string> BatcherFieldsJsonPath =
        ValueChecks.Set(AslFields.BatchInput, AslFields.MaxItemsPerBatch, AslFields.MaxItemsPerBatchPath, AslFields.MaxInputBytesPerBatch, AslFields.MaxInputBytesPerBatchPath);
    private static readonly FrozenSet<string> BatcherFieldsJsonata = ValueChecks.Set(AslFields.BatchInput, AslFields.MaxItemsPerBatch, AslFields.MaxInputBytesPerBatch);
    private static readonly FrozenSet<string> WriterFieldsJsonPath = ValueChecks.Set(AslFields.Resource, AslFields.Parameters, AslFields.WriterConfig);
    private static readonly FrozenSet<string> WriterFieldsJsonata = ValueChecks.Set(AslFields.Resource, AslFields.Arguments, AslFields.WriterConfig);
    private static readonly FrozenSet<string> WriterConfigFields = ValueChecks.Set(AslFields.OutputType, AslFields.Transformation);
    private static readonly FrozenSet<string> OutputTypes = ValueChecks.Set("JSON", "JSONL");
    private static readonly FrozenSet<string> WriterTransformations = ValueChecks.Set("NONE", "COMPACT", "FLATTEN");

    public static void Check(
        ValidationContext ctx, JsonObject state, in PendingPointer statePointer, QueryLanguage language, int depth, Queue<MachineScope> pending)
    {
        var jsonata = language == QueryLanguage.Jsonata;
        CheckProcessor(ctx, state, statePointer, language, depth, pending);

        ValueChecks.Integer(ctx, state, AslFields.MaxConcurrency, statePointer, 0, int.MaxValue, jsonata);
        ValueChecks.Integer(ctx, state, AslFields.ToleratedFailureCount, statePointer, 0, long.MaxValue, jsonata);
        ValueChecks.Number(ctx, state, AslFields.ToleratedFailurePercentage, statePointer, 0, 100, jsonata);
        if (jsonata)
        {
            if (state.TryGetValue(AslFields.Items, out var items) &&
                !(items is JsonArray || (items is JsonString expression && ValueChecks.IsJsonata(expression.Value))))
            {
                ctx.Schema("The field 'Items' must be an array or a JSONata expression.", statePointer.Append(AslFields.Items));
            }
        }
        else
        {
            ValueChecks.Path(ctx, state, AslFields.ItemsPath, statePointer, allowNull: false);
            ValueChecks.Path(ctx, state, AslFields.MaxConcurrencyPath, statePointer, allowNull: false);
            ValueChecks.Path(ctx, state, AslFields.ToleratedFailureCountPath, statePointer, allowNull: false);
            ValueChecks.Path(ctx, state, AslFields.ToleratedFailurePercentagePath, statePointer, allowNull: false);
            ValueChecks.Exclusive(ctx, state, AslFields.MaxConcurrency, AslFields.MaxConcurrencyPath, statePointer);
            ValueChecks.Exclusive(ctx, state, AslFields.ToleratedFailureCount, AslFields.ToleratedFailureCountPath, statePointer);
            ValueChecks.Exclusive(ctx, state, AslFields.ToleratedFailurePercentage, AslFields.ToleratedFailurePercentagePath, statePointer);
            ValueChecks.Exclusive(ctx, state, AslFields.Parameters, AslFields.ItemSelector, statePointer);
            if (state.TryGetValue(AslFields.ItemSelector, out var selector))
            {
                TemplateRules.CheckPayloadTemplate(ctx, selector, statePointer, AslFields.ItemSelector);
            }
        }

        CheckItemReader(ctx, state, statePointer, jsonata);
        CheckItemBatcher(ctx, state, statePointer, jsonata);
        CheckResultWriter(ctx, state, statePointer, jsonata);
        CheckLabel(ctx, state, statePointer);
    }

    private static void CheckProcessor(
        ValidationContext ctx, JsonObject state, in PendingPointer statePointer, QueryLanguage language, int depth, Queue<MachineScope> pending)
    {
        var hasProcessor = state.TryGetValue(AslFields.ItemProcessor, out var processor);
        var hasIterator = state.TryGetValue(AslFields.Iterator, out var iterator);
        if (!hasProcessor && !hasIterator)
        {
            ctx.Schema("A Map state is missing the required field 'ItemProcessor' (or the deprecated 'Iterator').", statePointer);
            return;
        }

        if (hasProcessor && hasIterator)
        {
            ctx.Schema("The fields 'ItemProcessor' and 'Iterator' are mutually exclusive.", statePointer.Append(AslFields.Iterator));
        }

        var field = hasProcessor ? AslFields.ItemProcessor : AslFields.Iterator;
        var value = hasProcessor ? processor! : iterator!;
        var pointer = statePointer.Append(field);
        if (value is not JsonObject body)
        {
            ctx.Schema($"The field '{field}' must be an object with StartAt and States, not {value.KindName}.", pointer);
            return;
        }

        if (ValueChecks.Object(ctx, body, AslFields.ProcessorConfig, pointer) is { } config)
        {
            var configPointer = pointer.Append(AslFields.ProcessorConfig);
            ValueChecks.OnlyFields(ctx, config, configPointer, ProcessorConfigFields, AslFields.ProcessorConfig);
            ValueChecks.Enum(ctx, config, AslFields.Mode, configPointer, Modes);
            ValueChecks.Enum(ctx, config, AslFields.ExecutionType, configPointer, ExecutionTypes);
        }

        if (depth + 1 > ctx.MaxNestingDepth)
        {
            ctx.Error(
                DiagnosticCodes.TooDeeplyNested,
                $"The Map processor is nested {depth + 1} levels deep; at most {ctx.MaxNestingDepth} are allowed.",
                pointer);
            return;
        }

        pending.Enqueue(new MachineScope(body, pointer.ToString(), depth + 1, language, hasProcessor ? ScopeKind.ItemProcessor : ScopeKind.Iterator));
    }

    private static void CheckItemReader(ValidationContext ctx, JsonObject state, in PendingPointer statePointer, bool jsonata)
    {
        if (ValueChecks.Object(ctx, state, AslFields.ItemReader, statePointer) is not { } reader)
        {
            return;
        }

        var pointer = statePointer.Append(AslFields.ItemReader);
        ValueChecks.OnlyFields(ctx, reader, pointer, jsonata ? ReaderFieldsJsonata : ReaderFieldsJsonPath, $"a {(jsonata ? "JSONata" : "JSONPath")} ItemReader");
        CheckIntegrationResource(ctx, reader, pointer, AslFields.ItemReader);
        CheckPayload(ctx, reader, pointer, jsonata);
        if (ValueChecks.Object(ctx, reader, AslFields.ReaderConfig, pointer) is not { } config)
        {
            return;
        }

        var configPointer = pointer.Append(AslFields.ReaderConfig);
        ValueChecks.OnlyFields(ctx, config, configPointer, ReaderConfigFields, AslFields.ReaderConfig);
        ValueChecks.Enum(ctx, config, AslFields.InputType, configPointer, InputTypes);
        ValueChecks.Enum(ctx, config, AslFields.CSVHeaderLocation, configPointer, HeaderLocations);
        ValueChecks.Enum(ctx, config, AslFields.CSVDelimiter, configPointer, Delimiters);
        ValueChecks.String(ctx, config, AslFields.ManifestType, configPointer, nonEmpty: true);
        ValueChecks.String(ctx, config, AslFields.ItemsPointer, configPointer);
        ValueChecks.String(ctx, config, AslFields.Transformation, configPointer, nonEmpty: true);
        ValueChecks.Integer(ctx, config, AslFields.MaxItems, configPointer, 0, 100_000_000, jsonata);
        if (!jsonata)
        {
            ValueChecks.Path(ctx, config, AslFields.MaxItemsPath, configPointer, allowNull: false);
            ValueChecks.Exclusive(ctx, config, AslFields.MaxItems, AslFields.MaxItemsPath, configPointer);
        }
        else if (config.ContainsKey(AslFields.MaxItemsPath))
        {
            ctx.Schema("The field 'MaxItemsPath' is JSONPath-only.", configPointer.Append(AslFields.MaxItemsPath));
        }

        if (config.TryGetValue(AslFields.CSVHeaders, out var headers))
        {
            var ok = headers is JsonArray list && list.Count > 0;
            if (ok)
            {
                foreach (var item in ((JsonArray)headers).Items)
                {
                    ok &= item is JsonString;
                }
            }

            if (!ok)
            {
                ctx.Schema("The field 'CSVHeaders' must be a non-empty array of strings.", configPointer.Append(AslFields.CSVHeaders));
            }
        }

        if (config.TryGetValue(AslFields.CSVHeaderLocation, out var location) && location is JsonString { Value: "GIVEN" } && !config.ContainsKey(AslFields.CSVHeaders))
        {
            ctx.Schema("'CSVHeaderLocation' GIVEN needs 'CSVHeaders'.", configPointer);
        }
    }

    private static void CheckItemBatcher(ValidationContext ctx, JsonObject state, in PendingPointer statePointer, bool jsonata)
    {
        if (ValueChecks.Object(ctx, state, AslFields.ItemBatcher, statePointer) is not { } batcher)
        {
            return;
        }

        var pointer = statePointer.Append(AslFields.ItemBatcher);
        ValueChecks.OnlyFields(ctx, batcher, pointer, jsonata ? BatcherFieldsJsonata : BatcherFieldsJsonPath, $"a {(jsonata ? "JSONata" : "JSONPath")} ItemBatcher");
        ValueChecks.Integer(ctx, batcher, AslFields.MaxItemsPerBatch, pointer, 1, int.MaxValue, jsonata);
        ValueChecks.Integer(ctx, batcher, AslFields.MaxInputBytesPerBatch, pointer, 1, MaxBatchBytes, jsonata);
        if (!jsonata)
        {
            ValueChecks.Path(ctx, batcher, AslFields.MaxItemsPerBatchPath, pointer, allowNull: false);
            ValueChecks.Path(ctx, batcher, AslFields.MaxInputBytesPerBatchPath, pointer, allowNull: false);
            ValueChecks.Exclusive(ctx, batcher, AslFields.MaxItemsPerBatch, AslFields.MaxItemsPerBatchPath, pointer);
            ValueChecks.Exclusive(ctx, batcher, AslFields.MaxInputBytesPerBatch, AslFields.MaxInputBytesPerBatchPath, pointer);
            if (batcher.TryGetValue(AslFields.BatchInput, out var batchInput))
            {
                TemplateRules.CheckPayloadTemplate(ctx, batchInput, pointer, AslFields.BatchInput);
            }
        }
    }

    private static void CheckResultWriter(ValidationContext ctx, JsonObject state, in PendingPointer statePointer, bool jsonata)
    {
        if (ValueChecks.Object(ctx, state, AslFields.ResultWriter, statePointer) is not { } writer)
        {
            return;
        }

        var pointer = statePointer.Append(AslFields.ResultWriter);
        ValueChecks.OnlyFields(ctx, writer, pointer, jsonata ? WriterFieldsJsonata : WriterFieldsJsonPath, $"a {(jsonata ? "JSONata" : "JSONPath")} ResultWriter");
        if (writer.ContainsKey(AslFields.Resource))
        {
            CheckIntegrationResource(ctx, writer, pointer, AslFields.ResultWriter);
        }
        else if (!writer.ContainsKey(AslFields.WriterConfig))
        {
            ctx.Schema("A ResultWriter needs 'Resource' or 'WriterConfig'.", pointer);
        }

        CheckPayload(ctx, writer, pointer, jsonata);
        if (ValueChecks.Object(ctx, writer, AslFields.WriterConfig, pointer) is { } config)
        {
            var configPointer = pointer.Append(AslFields.WriterConfig);
            ValueChecks.OnlyFields(ctx, config, configPointer, WriterConfigFields, AslFields.WriterConfig);
            ValueChecks.Enum(ctx, config, AslFields.OutputType, configPointer, OutputTypes);
            ValueChecks.Enum(ctx, config, AslFields.Transformation, configPointer, WriterTransformations);
        }
    }

    private static void CheckLabel(ValidationContext ctx, JsonObject state, in PendingPointer statePointer)
    {
        if (ValueChecks.String(ctx, state, AslFields.Label, statePointer) is not { } label)
        {
            return;
        }

        var pointer = statePointer.Append(AslFields.Label);
        var problem = NameRules.LabelProblem(label);
        if (problem is not null)
        {
            ctx.Error(DiagnosticCodes.InvalidLabelName, problem, pointer);
        }

        if (!ctx.Labels.TryAdd(label, pointer.ToString()))
        {
            ctx.Error(
                DiagnosticCodes.DuplicateLabelName,
                $"The Map Label '{ValueChecks.Truncate(label)}' is already used at {ctx.Labels[label]}.",
                pointer);
        }
    }

    private static void CheckIntegrationResource(ValidationContext ctx, JsonObject owner, in PendingPointer pointer, string what)
    {
        var resource = ValueChecks.RequiredString(ctx, owner, AslFields.Resource, pointer, $"An {what}");
        if (resource is not null && !resource.StartsWith("arn:", StringComparison.Ordinal))
        {
            ctx.Error(DiagnosticCodes.InvalidResource, $"The {what} resource '{ValueChecks.Truncate(resource)}' is not a resource ARN.", pointer.Append(AslFields.Resource));
        }
    }

    private static void CheckPayload(ValidationContext ctx, JsonObject owner, in PendingPointer pointer, bool jsonata)
    {
        if (jsonata)
        {
            ValueChecks.Object(ctx, owner, AslFields.Arguments, pointer, allowJsonata: true);
        }
        else if (ValueChecks.Object(ctx, owner, AslFields.Parameters, pointer) is { } parameters)
        {
            TemplateRules.CheckPayloadTemplate(ctx, parameters, pointer, AslFields.Parameters);
        }
    }
}

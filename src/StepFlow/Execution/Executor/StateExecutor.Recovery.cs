using System.Collections.Immutable;
using StepFlow.Definition;
using StepFlow.Errors;
using StepFlow.Execution.Recovery;
using StepFlow.Json;

namespace StepFlow.Execution.Executor;

/// <content>Catch and the success exit, shared by Task, Parallel and Map.</content>
internal static partial class StateExecutor
{
    /// <summary>
    /// Finishes a Task, Parallel or Map whose work succeeded: Output/Assign (JSONata) or ResultPath, OutputPath
    /// and Assign (JSONPath); an error on the way goes to the state's catchers.
    /// </summary>
    private static (State? Next, JsonValue Output) ExitWithResult(
        State state,
        ResultPathSpec resultPath,
        ImmutableArray<Catcher> catchers,
        JsonataScope? scope,
        JsonValue input,
        JsonValue result,
        Frame frame,
        StateVisit visit)
    {
        try
        {
            if (state.Jsonata is { } jsonata)
            {
                return ExitJsonata(state, state.Next, scope!.WithResult(result), result, jsonata.Output, jsonata.Assign, frame, visit);
            }

            var output = ApplyResultPath(resultPath, input, result);
            output = ApplyInputPath(state.OutputPath, output, visit, frame, AslFields.OutputPath);
            return Exit(state, state.Next, output, frame, visit, state.Assign, result);
        }
        catch (StatesErrorException error)
        {
            return CatchOrThrow(state, catchers, error, input, frame, visit);
        }
    }

    /// <summary>Routes an error to the first matching catcher, or rethrows it.</summary>
    private static (State? Next, JsonValue Output) CatchOrThrow(
        State state,
        ImmutableArray<Catcher> catchers,
        StatesErrorException error,
        JsonValue input,
        Frame frame,
        StateVisit visit)
    {
        if (ErrorMatching.IsRecoverable(error.Error))
        {
            foreach (var catcher in catchers)
            {
                if (!ErrorMatching.Matches(catcher.ErrorEquals, error))
                {
                    continue;
                }

                var errorOutput = ErrorOutput(error);
                if (catcher.Jsonata is { } jsonata)
                {
                    var scope = NewJsonataScope(input, frame, visit).WithErrorOutput(errorOutput);
                    try
                    {
                        return ExitJsonata(state, catcher.Next, scope, errorOutput, jsonata.Output, jsonata.Assign, frame, visit);
                    }
                    catch (StateFieldException e)
                    {
                        throw e.WithPrefix(visit.ErrorPrefix);
                    }
                }

                var output = ApplyResultPath(catcher.ResultPath, input, errorOutput);
                return Exit(state, catcher.Next, output, frame, visit, catcher.Assign, errorOutput);
            }
        }

        if (error is StateFieldException field)
        {
            throw field.WithPrefix(visit.ErrorPrefix);
        }

        throw error;
    }

    private static JsonObject ErrorOutput(StatesErrorException error)
    {
        var builder = new JsonObjectBuilder(2);
        if (error is not FailStateException { ErrorName: null })
        {
            builder.Set("Error", JsonValue.From(error.Error));
        }

        builder.Set("Cause", JsonValue.From(error.Cause ?? string.Empty));
        return builder.Build();
    }
}

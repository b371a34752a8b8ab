using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StepFlow.Server;

/// <summary>Maps the AWS Step Functions API (AWS JSON 1.0) onto an ASP.NET Core application.</summary>
public static class StepFunctionsEndpoints
{
    /// <summary>
    /// Answers the Step Functions API at <c>POST /</c> with the <see cref="StepFlowEngine"/> registered in the
    /// application's services, so that AWS SDKs and the AWS CLI pointed at this host talk to StepFlow.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="options">Options of the endpoint; the defaults when null.</param>
    /// <returns>The endpoint's convention builder (to add authorization, host filters, ...).</returns>
    public static IEndpointConventionBuilder MapStepFunctionsApi(this IEndpointRouteBuilder endpoints, StepFunctionsApiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        return Map(endpoints, () => services.GetRequiredService<StepFlowEngine>(), options);
    }

    /// <summary>Answers the Step Functions API at <c>POST /</c> with <paramref name="engine"/>.</summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="engine">The engine that runs the state machines.</param>
    /// <param name="options">Options of the endpoint; the defaults when null.</param>
    /// <returns>The endpoint's convention builder (to add authorization, host filters, ...).</returns>
    public static IEndpointConventionBuilder MapStepFunctionsApi(this IEndpointRouteBuilder endpoints, StepFlowEngine engine, StepFunctionsApiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(engine);
        return Map(endpoints, () => engine, options);
    }

    private static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, Func<StepFlowEngine> engine, StepFunctionsApiOptions? options)
    {
        options ??= new StepFunctionsApiOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxRequestBytes, "StepFunctionsApiOptions.MaxRequestBytes");
        var logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("StepFlow.Server") ?? NullLogger.Instance;
        var endpoint = new AwsJsonEndpoint(engine, options, logger);
        return endpoints.Map("/", endpoint.HandleAsync).WithDisplayName("AWS Step Functions API");
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StepFlow.Hosting.Tests;

/// <summary>Keeps every log record's category, event id and message.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, EventId Id, string Message)> Records { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Records);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, EventId, string)> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue((category, eventId, formatter(state, exception)));
    }
}

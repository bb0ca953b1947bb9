using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FakeS3.Tests.Security;

/// <summary>Keeps every formatted server-log line (with exception text) so a test can grep the server log.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    readonly ConcurrentQueue<string> _lines = new();

    public string Text => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

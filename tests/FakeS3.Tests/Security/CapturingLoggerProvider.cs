using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FakeS3.Tests.Security;

/// <summary>Keeps every formatted server-log line (with exception text) so a test can grep the server log.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    readonly ConcurrentQueue<string> _lines = new();
    readonly ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> _entries = new();

    public string Text => string.Join('\n', _lines);

    /// <summary>The same lines with level, category and exception apart (log-level assertions).</summary>
    public IReadOnlyList<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            owner._entries.Enqueue((logLevel, category, message, exception));
            owner._lines.Enqueue($"{logLevel} {category}: {message} {exception}");
        }
    }
}

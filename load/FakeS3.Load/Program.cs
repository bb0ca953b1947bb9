using FakeS3.Load;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
return await LoadApp.RunAsync(args, Console.Out, Console.Error, cts.Token);

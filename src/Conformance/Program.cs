return await FakeS3.Conformance.Cli.MainAsync(args);

namespace StepFlow.Tests.Durability;

/// <summary>Bounded waits for the durability tests: a condition that never comes true fails the test instead of hanging it.</summary>
internal static class Waits
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after 20 seconds.</summary>
    public static Task Eventually(Func<bool> condition) => Eventually(() => Task.FromResult(condition()));

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after 20 seconds.</summary>
    public static async Task Eventually(Func<Task<bool>> condition)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the condition should come true");
            await Task.Delay(5);
        }
    }

    /// <summary>A wait that fails the test after 30 seconds instead of hanging it.</summary>
    public static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}

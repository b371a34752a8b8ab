using Microsoft.Extensions.Time.Testing;
using StepFlow.Json;
using StepFlow.Jsonata;

namespace StepFlow.Tests.Jsonata;

/// <summary>$toMillis(timestamp, picture): behaviour beyond the suite cases (fixed clock, widths, fractions, zones, round trips).</summary>
public sealed class JsonataToMillisPictureTests
{
    private static readonly DateTimeOffset Clock = new(2030, 6, 15, 10, 20, 30, 456, TimeSpan.Zero);

    private static JsonValue? Eval(string expression, JsonataLevel level = JsonataLevel.V2_2)
    {
        var options = new JsonataOptions { TimeProvider = new FakeTimeProvider(Clock), Level = level };
        return JsonataExpression.Compile(expression, options).Evaluate(null);
    }

    private static double Millis(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int millisecond = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static double Number(JsonValue? value) => value.Should().BeOfType<JsonNumber>().Subject.DoubleValue;

    [Fact]
    public void TimeOnly_TakesTheDateFromTheEvaluationClock_AndZeroesTheRest()
    {
        Number(Eval("$toMillis('13:45', '[H]:[m]')")).Should().Be(Millis(2030, 6, 15, 13, 45));
    }

    [Fact]
    public void MonthAndDay_TakeTheYearFromTheClock_AndMidnight()
    {
        Number(Eval("$toMillis('03-27', '[M]-[D]')")).Should().Be(Millis(2030, 3, 27));
    }

    [Fact]
    public void DayOfYearAlone_TakesTheYearFromTheClock_AndMidnight()
    {
        Number(Eval("$toMillis('32', '[d]')")).Should().Be(Millis(2030, 2, 1));
    }

    [Fact]
    public void AdjacentIntegerMarkers_ReadTheirMandatoryDigits()
    {
        Number(Eval("$toMillis('20240229235958123', '[Y0001][M01][D01][H01][m01][s01][f001]')"))
            .Should().Be(Millis(2024, 2, 29, 23, 59, 58, 123));
    }

    [Fact]
    public void FractionalSeconds_AreAFraction_TruncatedToMilliseconds()
    {
        Number(Eval("$toMillis('2020-01-01 00:00:07.5', '[Y]-[M]-[D] [H]:[m]:[s].[f1]')")).Should().Be(Millis(2020, 1, 1, 0, 0, 7, 500));
        Number(Eval("$toMillis('2020-01-01 00:00:07.123999', '[Y]-[M]-[D] [H]:[m]:[s].[f1]')")).Should().Be(Millis(2020, 1, 1, 0, 0, 7, 123));
    }

    [Theory]
    [InlineData("2020-09-09 12:00 -05:30", "[Y0001]-[M01]-[D01] [H01]:[m01] [Z]", 17, 30)]
    [InlineData("2020-09-09 12:00 -0530", "[Y0001]-[M01]-[D01] [H01]:[m01] [Z0001]", 17, 30)]
    [InlineData("2020-09-09 12:00 GMT+01:00", "[Y0001]-[M01]-[D01] [H01]:[m01] [z]", 11, 0)]
    [InlineData("2020-09-09 12:00 Z", "[Y0001]-[M01]-[D01] [H01]:[m01] [Z01:01t]", 12, 0)]
    public void TimezoneOffsets_AreSubtracted_WithTheSignOnHoursAndMinutes(string timestamp, string picture, int utcHour, int utcMinute)
    {
        Number(Eval($"$toMillis('{timestamp}', '{picture}')")).Should().Be(Millis(2020, 9, 9, utcHour, utcMinute));
    }

    [Fact]
    public void NamesAndAmPm_AreMatchedWithoutRegardToCase()
    {
        Number(Eval("$toMillis('wednesday 14 NOVEMBER 2018 7:05 PM', '[FNn] [D] [MNn] [Y] [h]:[m01] [P]')"))
            .Should().Be(Millis(2018, 11, 14, 19, 5));
    }

    [Fact]
    public void AnUnknownMonthName_GivesUndefined()
    {
        Eval("$toMillis('14 Brumaire 2018', '[D] [MNn] [Y]')").Should().BeNull();
    }

    [Fact]
    public void TwoDigitYears_FollowJavaScriptDateUtc_AsJsonataDoes()
    {
        Number(Eval("$toMillis('18-03-27', '[Y01]-[M01]-[D01]')")).Should().Be(Millis(1918, 3, 27));
    }

    [Theory]
    [InlineData("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001]Z")]
    [InlineData("[D1o] [MNn] [Y0001] [h]:[m01]:[s01].[f001] [P]")]
    [InlineData("[FNn], [Dwo] [MNn,3-3] [Yw] [H01][m01][s01][f001]")]
    [InlineData("[Y0001]-[d001] [H]:[m]:[s].[f001]")]
    [InlineData("[Da] [MI] [Yi] [H01]:[m01]:[s01].[f001]")]
    public void FromMillisOutput_ReadsBackToTheSameInstant(string picture)
    {
        foreach (var instant in new[] { Millis(2018, 11, 14, 19, 5, 42, 7), Millis(1999, 12, 31, 0, 0, 0, 999), Millis(2024, 2, 29, 12, 30) })
        {
            var expression = $"$toMillis($fromMillis({instant}, '{picture}'), '{picture}')";
            Number(Eval(expression)).Should().Be(instant, expression);
        }
    }

    [Fact]
    public void FromMillisInAnotherZone_ReadsBackToTheSameInstant()
    {
        const string picture = "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]";
        foreach (var zone in new[] { "-0530", "+0545", "+0000", "-1100" })
        {
            var instant = Millis(2021, 1, 1, 2, 3, 4);
            Number(Eval($"$toMillis($fromMillis({instant}, '{picture}', '{zone}'), '{picture}')")).Should().Be(instant, zone);
        }
    }

    [Theory]
    [InlineData("$toMillis('2018', '[Y')", "D3135")]
    [InlineData("$toMillis('2018', '[q1]')", "D3132")]
    [InlineData("$toMillis('2018 x', '[Y] [HN]')", "D3133")]
    [InlineData("$toMillis('2018', '[Y] [C]')", "D3133")]
    [InlineData("$toMillis('2018-27', '[X]-[W]')", "D3136")]
    [InlineData("$toMillis('10:30', '[H]:[s]')", "D3136")]
    public void BadOrUnsupportedPictures_RaiseTheirCodes(string expression, string code)
    {
        Assert.Throws<JsonataException>(() => Eval(expression)).Code.Should().Be(code);
    }

    [Fact]
    public void AnUnmatchedTimestamp_IsUndefined_NotAnError()
    {
        Eval("$toMillis('2018/03/27', '[Y]-[M]-[D]')").Should().BeNull();
    }

    [Fact]
    public void Level206_FractionalSecondDigits_AreWholeMilliseconds()
    {
        const string expression = "$toMillis('2026-04-08T19:05:04.01987', '[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f1]')";

        Number(Eval(expression)).Should().Be(Millis(2026, 4, 8, 19, 5, 4, 19));
        Number(Eval(expression, JsonataLevel.V2_0_6)).Should().Be(Millis(2026, 4, 8, 19, 5, 5, 987));
    }
}

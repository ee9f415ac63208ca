namespace MobilnyUrzednik.Accessibility;

/// <summary>Moving through a page with the keyboard alone: Tab, arrows, Space, typing, Enter.</summary>
public static class KeyboardOnly
{
    /// <summary>Presses Tab until <paramref name="target"/> has focus; fails if it is never reached (a trap or a missing stop).</summary>
    public static async Task TabToAsync(IPage page, ILocator target, int maxPresses = 30)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await HasFocusAsync(target))
            {
                return;
            }
        }

        Assert.Fail($"{target} was not reached with {maxPresses} Tab presses on {page.Url}.");
    }

    public static Task<bool> HasFocusAsync(ILocator target) => target.EvaluateAsync<bool>("el => el === document.activeElement");

    /// <summary>Tab into the radio group, arrow keys to the option, Space to choose it.</summary>
    public static async Task ChooseAsync(IPage page, string label)
    {
        var radio = Journey.Radio(page, label);
        for (var i = 0; i < 30 && !await radio.EvaluateAsync<bool>("el => document.activeElement?.type === 'radio' && document.activeElement.name === el.name"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        for (var i = 0; i < 10 && !await HasFocusAsync(radio); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.True(await HasFocusAsync(radio), $"The radio \"{label}\" was not reached by keyboard on {page.Url}.");
        await page.Keyboard.PressAsync("Space");
        await Expect(radio).ToBeCheckedAsync();
    }

    /// <summary>Tab to the field, then type into it as a person does.</summary>
    public static async Task TypeAsync(IPage page, ILocator field, string text)
    {
        await TabToAsync(page, field);
        await page.Keyboard.TypeAsync(text);
        await Expect(field).ToHaveValueAsync(text);
    }

    /// <summary>Enter on the focused button or link; the next page's h1 takes focus and the title changes (B01).</summary>
    public static async Task SubmitAsync(IPage page, string path, string heading, bool axe = true)
    {
        var titleBefore = await page.TitleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Journey.ExpectPageAsync(page, path, heading);
        Assert.NotEqual(titleBefore, await page.TitleAsync());
        await Expect(page.Locator("main h1")).ToBeFocusedAsync();
        if (axe)
        {
            await Axe.CheckAsync(page, heading);
        }
    }
}

[assembly: AssemblyFixture(typeof(MobilnyUrzednik.Accessibility.BrowserFixture))]

import { TestEnvironment } from 'jest-environment-node';

/**
 * The integration project's environment: Node's, which also tells the test file when a test failed, so that a
 * browser test leaves what the page showed (navigateur.ts) instead of a bare timeout.
 */
export default class EnvironnementIntegration extends TestEnvironment {
  handleTestEvent(event: { name: string }): void {
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') this.global.__echecDuTest = true;
  }
}

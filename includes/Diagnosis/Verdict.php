<?php
/**
 * The answer of a check.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Diagnosis;

use FixMailerSend\Support\Mask;

defined( 'ABSPATH' ) || exit;

/**
 * Immutable verdict: a stable id, a severity, plain-language text, next steps and evidence.
 *
 * Shape of to_array() (see docs/architecture.md):
 * `{ id, severity: success|info|warning|error, title, explanation, steps: string[], evidence: {key: scalar|null} }`.
 */
final class Verdict {

	/**
	 * Allowed severities.
	 */
	const SEVERITIES = array( 'success', 'info', 'warning', 'error' );

	/**
	 * Stable id (see Verdicts::IDS).
	 *
	 * @var string
	 */
	private $id;

	/**
	 * One of SEVERITIES.
	 *
	 * @var string
	 */
	private $severity;

	/**
	 * One line.
	 *
	 * @var string
	 */
	private $title;

	/**
	 * One or two plain sentences.
	 *
	 * @var string
	 */
	private $explanation;

	/**
	 * Next actions, first one first.
	 *
	 * @var string[]
	 */
	private $steps;

	/**
	 * Flat evidence.
	 *
	 * @var array<string, string|int|float|bool|null>
	 */
	private $evidence;

	/**
	 * Creates a verdict. Prefer Verdicts::make(), which fills in the text. Token-shaped text in
	 * the evidence is masked (see flatten()).
	 *
	 * @param string       $id          Stable id.
	 * @param string       $severity    success|info|warning|error (anything else becomes "info").
	 * @param string       $title       One-line title.
	 * @param string       $explanation Plain explanation.
	 * @param string[]     $steps       Next steps.
	 * @param array<mixed> $evidence    Evidence; only scalar or null values with string keys are kept.
	 */
	public function __construct( string $id, string $severity, string $title, string $explanation, array $steps = array(), array $evidence = array() ) {
		$this->id          = $id;
		$this->severity    = in_array( $severity, self::SEVERITIES, true ) ? $severity : 'info';
		$this->title       = $title;
		$this->explanation = $explanation;
		$this->steps       = array_values( array_map( 'strval', array_filter( $steps, 'is_scalar' ) ) );
		$this->evidence    = self::flatten( $evidence );
	}

	/**
	 * Rebuilds a verdict from to_array() output (e.g. a stored last check).
	 *
	 * @param mixed $data Array as produced by to_array().
	 * @return self|null Null when the data is not a verdict.
	 */
	public static function from_array( $data ): ?self {
		if ( ! is_array( $data ) || ! isset( $data['id'], $data['severity'] ) || ! is_string( $data['id'] ) || ! is_string( $data['severity'] ) ) {
			return null;
		}
		return new self(
			$data['id'],
			$data['severity'],
			isset( $data['title'] ) && is_string( $data['title'] ) ? $data['title'] : '',
			isset( $data['explanation'] ) && is_string( $data['explanation'] ) ? $data['explanation'] : '',
			isset( $data['steps'] ) && is_array( $data['steps'] ) ? $data['steps'] : array(),
			isset( $data['evidence'] ) && is_array( $data['evidence'] ) ? $data['evidence'] : array()
		);
	}

	/**
	 * Stable id.
	 *
	 * @return string
	 */
	public function id(): string {
		return $this->id;
	}

	/**
	 * Whether this verdict has the given id.
	 *
	 * @param string $id Id.
	 * @return bool
	 */
	public function is( string $id ): bool {
		return $id === $this->id;
	}

	/**
	 * Whether the verdict is `valid` (the token works).
	 *
	 * @return bool
	 */
	public function is_valid(): bool {
		return 'valid' === $this->id;
	}

	/**
	 * Whether MailerSend recognised the token during this check (evidence `token_accepted`).
	 *
	 * True for `valid`, and for the verdicts that name a problem other than the token itself
	 * once MailerSend has answered for it: `legacy_token` (accepted), `rate_limited` (only after
	 * an earlier call of the same check was accepted: a 429 may come before authentication),
	 * `quota_exhausted`, `send_paused`, `domain_unverified`, `trial_limit`, `missing_permission`…
	 *
	 * @return bool
	 */
	public function token_accepted(): bool {
		return isset( $this->evidence['token_accepted'] ) && true === $this->evidence['token_accepted'];
	}

	/**
	 * Severity: success|info|warning|error.
	 *
	 * @return string
	 */
	public function severity(): string {
		return $this->severity;
	}

	/**
	 * One-line title.
	 *
	 * @return string
	 */
	public function title(): string {
		return $this->title;
	}

	/**
	 * Plain explanation.
	 *
	 * @return string
	 */
	public function explanation(): string {
		return $this->explanation;
	}

	/**
	 * Next steps.
	 *
	 * @return string[]
	 */
	public function steps(): array {
		return $this->steps;
	}

	/**
	 * Evidence.
	 *
	 * @return array<string, string|int|float|bool|null>
	 */
	public function evidence(): array {
		return $this->evidence;
	}

	/**
	 * One evidence value.
	 *
	 * @param string $key Key.
	 * @return string|int|float|bool|null
	 */
	public function evidence_value( string $key ) {
		return array_key_exists( $key, $this->evidence ) ? $this->evidence[ $key ] : null;
	}

	/**
	 * A copy with more evidence (new values replace old ones; text is not rebuilt).
	 *
	 * @param array<mixed> $evidence Evidence to merge.
	 * @return self
	 */
	public function with_evidence( array $evidence ): self {
		return new self( $this->id, $this->severity, $this->title, $this->explanation, $this->steps, array_merge( $this->evidence, self::flatten( $evidence ) ) );
	}

	/**
	 * The verdict as a JSON-ready array.
	 *
	 * @return array{id: string, severity: string, title: string, explanation: string, steps: string[], evidence: array<string, string|int|float|bool|null>}
	 */
	public function to_array(): array {
		return array(
			'id'          => $this->id,
			'severity'    => $this->severity,
			'title'       => $this->title,
			'explanation' => $this->explanation,
			'steps'       => $this->steps,
			'evidence'    => $this->evidence,
		);
	}

	/**
	 * Keeps string keys with scalar or null values, and masks every known token (by value) and
	 * anything token-shaped in the strings (Mask::scrub_tokens()).
	 *
	 * This is the one place every piece of evidence passes through, however the verdict is
	 * built (Verdicts::make(), with_evidence(), from_array()): evidence holds text that
	 * MailerSend, a proxy or WP Mail SMTP wrote (`message`, `errors`, `raw_body`…), which may
	 * repeat a token: the site's tokens and the one being checked (Mask::remember()) by value,
	 * any other by its shape.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array<string, string|int|float|bool|null>
	 */
	private static function flatten( array $evidence ): array {
		$flat = array();
		foreach ( $evidence as $key => $value ) {
			if ( ! is_string( $key ) || '' === $key ) {
				continue;
			}
			if ( is_string( $value ) ) {
				$flat[ $key ] = Mask::scrub_tokens( $value );
			} elseif ( null === $value || is_scalar( $value ) ) {
				$flat[ $key ] = $value;
			}
		}
		return $flat;
	}
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ALERT_KINDS, ALERT_STATES, type AlertKind, type AlertState } from './alert-contract.js';

// The alert routes' bodies and queries, checked by the global ValidationPipe; the answer is AlertView.
export { ALERT_KINDS, ALERT_STATES, ESCALATED_TO, type AlertKind, type AlertState, type AlertView, type EscalatedTo } from './alert-contract.js';

export class AlertQueryDto {
  @ApiPropertyOptional({ description: 'a unit code; a county-level user may give only their own' }) @IsOptional() @IsString() @MaxLength(40) unit?: string;
  @ApiPropertyOptional({ enum: ALERT_KINDS }) @IsOptional() @IsIn(ALERT_KINDS) kind?: AlertKind;
  @ApiPropertyOptional({ enum: ALERT_STATES }) @IsOptional() @IsIn(ALERT_STATES) state?: AlertState;
}

export class AcknowledgeAlertDto {
  @ApiProperty({ description: '确认说明: what the unit is doing about it' }) @IsString() @MinLength(1) @MaxLength(1000) note: string;
}

export class AlertWebhookDto {
  @ApiProperty({ description: 'http(s) URL of the unit office’s own IM bot; null removes it', nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null) @Matches(/^https?:\/\/\S+$/, { message: 'url must be an http:// or https:// address' }) @MaxLength(2000) url: string | null;
}

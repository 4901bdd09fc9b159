import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ROLES } from '../../auth/roles.js';
import { bothWays } from '../common/list-query.js';
import { PageQueryDto } from '../common/page.dto.js';

export const USER_SORTS = bothWays({ username: 'u.username', created_at: 'u.created_at, u.id', role: 'u.role, u.username' });

// The password rule itself (12 characters, not common, not one character repeated) is checked by the
// service (auth/password-rule.ts) and answered as WEAK_PASSWORD naming the field; here only the shape.
export class CreateUserDto {
  @ApiProperty() @Matches(/^[A-Za-z0-9_.@\-\u4e00-\u9fff]{2,64}$/, { message: 'username must be 2–64 letters, digits, 汉字 or . _ - @' }) username: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: (typeof ROLES)[number];
  @ApiPropertyOptional({ description: 'required for county_branch and inspector' }) @IsOptional() @IsString() @MaxLength(40) unitCode?: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MaxLength(256) password: string;
  @ApiPropertyOptional({ description: 'where the user’s alerts are mailed' }) @IsOptional() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'true disables the account (its tokens stop working at once); false enables it again' }) @IsOptional() @IsBoolean() disabled?: boolean;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: (typeof ROLES)[number];
  @ApiPropertyOptional({ description: 'the unit of a county_branch or inspector; null with a city role', nullable: true, type: String })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsString() @MaxLength(40) unitCode?: string | null;
  @ApiPropertyOptional({ description: 'where the user’s alerts are mailed; null removes it', nullable: true, type: String })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email?: string | null;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 12 }) @IsString() @MaxLength(256) password: string;
}

export class ChangeOwnPasswordDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(256) currentPassword: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MaxLength(256) newPassword: string;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional({ enum: Object.keys(USER_SORTS) }) @IsOptional() @IsIn(Object.keys(USER_SORTS)) sort?: string;
}

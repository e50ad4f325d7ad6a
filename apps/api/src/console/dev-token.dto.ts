import { USER_ROLES, type UserRole } from '@app/platform';
import { Id, Name, OneOf } from '../cases/http/field.decorators';

export class DevTokenDto {
  @Id({ description: 'person id (sub)' }) sub!: string;
  @Name() name!: string;
  @OneOf(USER_ROLES) role!: UserRole;
  @Name() orgUnit!: string;
}

// Static fields are per class (not inherited copies); subclasses reach the base's statics by name.
class Base { static created = 0; constructor() { Base.created++; } static describe(): string { return `base:${Base.created}`; } }
class Child extends Base { static children = 0; constructor() { super(); Child.children++; } }
new Base(); new Child(); new Child();
console.log(Base.created, Child.children, Base.describe());
